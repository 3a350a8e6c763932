import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DataHubOverview } from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Alert, AlertTitle } from '@material-ui/lab';
import { ReactNode, useId, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';
import { useHubs } from '../../hooks/useHubs';
import { formatCount } from '../../utils/format';
import { buildHubLayerMatrix } from './hubLayerMatrix';
import { HubLayerMatrix } from './HubLayerMatrix';
import { MostUsedTable } from './MostUsedTable';
import { RecentIngestsTable } from './RecentIngestsTable';
import { SummaryTiles } from './SummaryTiles';
import { UnhealthyDatasetsTable } from './UnhealthyDatasetsTable';
import { useCatalogDatasetsLinks } from './useCatalogDatasetsLinks';

/** The id the stale and failing tiles lead to (also a stable `#` link). */
export const UNHEALTHY_SECTION_ID = 'stale-or-failing-datasets';

const SUBTITLE =
  'The datasets of the data lake: how many per hub and layer, which are stale or failing, which are used most, and what arrived last.';

const useStyles = makeStyles({
  section: {
    // Focused by the tiles' links only to continue reading from there; a
    // focus ring around a whole card would suggest it does something.
    '&:focus': { outline: 'none' },
  },
});

/**
 * A Grid item holding one InfoCard, as a `region` named by the card's title
 * (an `h2`), so screen-reader users can jump between the page's parts and
 * tests find a card's rows by its title.
 */
function Section(props: {
  title: string;
  subheader?: ReactNode;
  id?: string;
  md?: 6 | 12;
  children: ReactNode;
}) {
  const { title, subheader, id, md = 12, children } = props;
  const classes = useStyles();
  const headingId = useId();
  return (
    <Grid
      item
      xs={12}
      md={md}
      component="section"
      aria-labelledby={headingId}
      id={id}
      tabIndex={id ? -1 : undefined}
      className={classes.section}
    >
      <InfoCard
        title={title}
        subheader={subheader}
        variant="gridItem"
        titleTypographyProps={{ component: 'h2', id: headingId }}
      >
        {children}
      </InfoCard>
    </Grid>
  );
}

function OverviewBody(props: { overview: DataHubOverview; now: Date }) {
  const { overview, now } = props;
  const { hubs } = useHubs();
  const catalogLink = useCatalogDatasetsLinks();
  const matrix = useMemo(
    () => buildHubLayerMatrix(overview.datasetsPerHubAndLayer, hubs),
    [overview, hubs],
  );
  const { totals } = overview;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SummaryTiles
          totals={totals}
          catalogLink={catalogLink?.()}
          unhealthyTargetId={UNHEALTHY_SECTION_ID}
        />
      </Grid>
      <Section
        title="Stale or failing datasets"
        id={UNHEALTHY_SECTION_ID}
        subheader={
          overview.unhealthy.length > 0
            ? `${formatCount(totals.failing)} failing, ${formatCount(
                totals.stale,
              )} stale. Failing first: their jobs need fixing, and what reads from them goes stale next.`
            : undefined
        }
      >
        <UnhealthyDatasetsTable datasets={overview.unhealthy} now={now} />
      </Section>
      <Section
        title="Datasets per hub and layer"
        md={6}
        subheader={
          catalogLink
            ? 'Each count opens the catalog filtered to its hub and layer.'
            : undefined
        }
      >
        <HubLayerMatrix matrix={matrix} catalogLink={catalogLink} />
      </Section>
      <Section
        title="Most used datasets (30 days)"
        md={6}
        subheader="By queries run through the Data Hub, with the distinct users who ran them."
      >
        <MostUsedTable datasets={overview.mostUsed} />
      </Section>
      <Section
        title="Recent ingests"
        subheader="The latest completed job runs that wrote source-layer datasets."
      >
        <RecentIngestsTable ingests={overview.recentIngests} now={now} />
      </Section>
    </Grid>
  );
}

/**
 * The Data Hub overview without page chrome: summary tiles, datasets per
 * hub and layer, stale or failing datasets, the most used datasets and the
 * recent ingests, from one `GET /overview`. The page a data platform team
 * and analysts open first.
 *
 * @public
 */
export function DataHubOverviewContent() {
  const api = useApi(dataHubLineageApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    async () => ({
      overview: await api.getOverview(),
      // The moment of loading is "now" for every relative time of the page,
      // so that they agree with each other and with the backend's figures.
      now: new Date(Date.now()),
    }),
    [api],
  );

  if (error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={retry}>
            Retry
          </Button>
        }
      >
        <AlertTitle>Could not load the Data Hub overview</AlertTitle>
        {queryErrorMessage(error)}
      </Alert>
    );
  }
  if (loading || !value) {
    return <Progress />;
  }
  return <OverviewBody overview={value.overview} now={value.now} />;
}

/**
 * The page's body for the new frontend system, whose page layout supplies
 * the header (title "Data Hub" and icon from the page extension).
 *
 * @public
 */
export function DataHubOverviewPageContent() {
  return (
    <Content>
      {/* The subtitle the legacy page's header shows; this layout's header has no room for one. */}
      <Typography variant="body1" paragraph>
        {SUBTITLE}
      </Typography>
      <DataHubOverviewContent />
    </Content>
  );
}

/**
 * The "Data Hub" overview page with its own header, for legacy apps (the
 * new frontend system's page layout supplies the header itself).
 *
 * @public
 */
export function DataHubOverviewPage() {
  return (
    <Page themeId="tool">
      <Header title="Data Hub" subtitle={SUBTITLE} />
      <Content>
        <DataHubOverviewContent />
      </Content>
    </Page>
  );
}
