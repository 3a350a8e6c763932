import { TERMINAL_STATES, type RunEventType } from './openLineage';

export interface RunState {
  state: RunEventType;
  /** eventTime (ms) of the event that set `state`. */
  at: number;
}

/**
 * The state a run is in after one more event, whatever order events arrive in: a terminal
 * state (COMPLETE, FAIL, ABORT) is never replaced by a non-terminal one (a START delivered
 * late after the COMPLETE), and otherwise the event with the later eventTime wins. OTHER
 * events carry metadata only and never change the state.
 */
export function nextRunState(
  current: RunState | undefined,
  incoming: RunState,
): RunState {
  if (!current) return incoming;
  if (incoming.state === 'OTHER') return current;
  if (current.state === 'OTHER') return incoming;
  const currentTerminal = TERMINAL_STATES.has(current.state);
  const incomingTerminal = TERMINAL_STATES.has(incoming.state);
  if (currentTerminal !== incomingTerminal)
    return currentTerminal ? current : incoming;
  return incoming.at >= current.at ? incoming : current;
}
