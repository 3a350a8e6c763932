import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatasetHealthChip } from './DatasetHealthChip';

const chipOf = (label: string) =>
  screen.getByText(label).closest('[data-health-status]') as HTMLElement;

describe('DatasetHealthChip', () => {
  it.each([
    ['healthy', 'Healthy', 'Written within its freshness'],
    ['stale', 'Stale', 'Last written 30 h ago, expected every 24 h'],
    ['failing', 'Failing', 'Job prepare_vehicle_orders failed: disk full'],
  ] as const)(
    'shows %s as "%s" with the reason',
    async (status, label, reason) => {
      await renderInTestApp(<DatasetHealthChip health={{ status, reason }} />);

      const chip = chipOf(label);
      expect(chip).toHaveAttribute('data-health-status', status);
      // An icon beside the text, so the status does not rest on colour alone.
      expect(chip.querySelector('svg')).not.toBeNull();
      expect(chip).toHaveAttribute('title', reason);
    },
  );

  it('shows the reason in a tooltip on hover', async () => {
    await renderInTestApp(
      <DatasetHealthChip
        health={{ status: 'stale', reason: 'No successful write is known' }}
      />,
    );
    await userEvent.hover(chipOf('Stale'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'No successful write is known',
    );
  });

  it('says "Unknown" without a health, with why in the tooltip', async () => {
    await renderInTestApp(
      <DatasetHealthChip unknownReason="Health could not be loaded: boom" />,
    );
    const chip = chipOf('Unknown');
    expect(chip).toHaveAttribute('data-health-status', 'unknown');
    expect(chip).toHaveAttribute('title', 'Health could not be loaded: boom');
  });
});
