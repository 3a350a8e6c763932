import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { cloneElement, ReactElement, useId } from 'react';

const useStyles = makeStyles({
  wrapper: { display: 'inline-flex' },
  // Read by screen readers, not shown: the tooltip shows it on hover and focus.
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * Says why an action is not available: with a `reason`, the (disabled)
 * button gets a tooltip and, for screen readers, the reason as its
 * description; without one, just the button (in the same wrapper).
 */
export function ActionTooltip(props: {
  /** Why the button is disabled; set only when it is. */
  reason?: string;
  children: ReactElement;
}) {
  const { reason, children } = props;
  const classes = useStyles();
  const id = useId();
  // The same elements with and without a reason, so that the button keeps
  // its focus when a permission's answer comes in.
  return (
    <>
      <Tooltip title={reason ?? ''}>
        {/* A disabled button fires no mouse or focus events, so a span takes
            them; focusable then, so that keyboard users get the tooltip too
            (the reason is also the button's description, see below). */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <span className={classes.wrapper} tabIndex={reason ? 0 : undefined}>
          {cloneElement(children, {
            'aria-describedby': reason ? id : undefined,
          })}
        </span>
      </Tooltip>
      {reason && (
        <span id={id} className={classes.hidden}>
          {reason}
        </span>
      )}
    </>
  );
}
