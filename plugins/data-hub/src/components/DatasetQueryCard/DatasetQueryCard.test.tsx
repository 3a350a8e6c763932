import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { queryRouteRef } from '../../routes';
import { sampleDataset } from '../../testing/sampleDataset';
import { DatasetQueryCard } from './DatasetQueryCard';

// The permitted view (a link to the query page) is tested in queryExtensions.test.tsx.
describe('DatasetQueryCard, where running queries is denied', () => {
  it('shows a guest a disabled Query button that says to sign in', async () => {
    await renderInTestApp(
      <EntityProvider entity={sampleDataset()}>
        <DatasetQueryCard />
      </EntityProvider>,
      {
        apis: [
          mockApis.identity({
            userEntityRef: 'user:development/guest',
            ownershipEntityRefs: ['user:development/guest'],
          }),
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
        mountedRoutes: { '/data-hub/query': queryRouteRef },
      },
    );
    const button = await screen.findByRole('button', { name: 'Query' });
    expect(button).toBeDisabled();
    expect(button).not.toHaveAttribute('href');
    expect(button).toHaveAccessibleDescription(
      'Sign in with your company account to query this dataset',
    );
    expect(screen.queryByText(/Run SQL over/)).toBeNull();
  });
});
