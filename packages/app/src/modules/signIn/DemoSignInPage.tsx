import { ComponentType, useCallback, useMemo, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { coreApis, IdentityApi, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  DEMO_USER_HEADER,
  DemoUser,
  forgetChoice,
  loadChoice,
  readDemoUsers,
  rememberChoice,
  SignInChoice,
} from './demoUsers';

/**
 * The demo portal's sign-in page: pick one of the demo users of `app.demoUsers` (signed in by
 * the backend's `demo` auth provider, with the user's groups from the catalog) or enter as a
 * guest. The choice is remembered, so a reload signs the same user in again; signing out
 * forgets it and shows the picker, so a consumer and a dataset owner can take turns in one
 * browser.
 */
export function DemoSignInPage({ onSignInSuccess }: SignInPageProps) {
  const config = useApi(coreApis.config);
  const users = useMemo(() => readDemoUsers(config), [config]);
  const [choice, setChoice] = useState(() => loadChoice(users));
  const appTitle = config.getOptionalString('app.title') ?? 'Backstage';

  const chooseAgain = useCallback(() => {
    forgetChoice();
    setChoice(undefined);
  }, []);

  if (!choice) {
    return (
      <DemoUserPicker appTitle={appTitle} users={users} onChoose={setChoice} />
    );
  }
  return (
    <SignInAs
      // A new choice is a new sign-in attempt.
      key={choice.provider === 'demo' ? choice.user.name : 'guest'}
      appTitle={appTitle}
      choice={choice}
      onSignInSuccess={identity => {
        rememberChoice(choice);
        onSignInSuccess(forgetChoiceOnSignOut(identity));
      }}
      onChooseAgain={chooseAgain}
    />
  );
}

/** Signing out also forgets who was chosen, so the next visit asks again. */
function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetChoice();
      await identity.signOut();
    },
  };
}

/**
 * Signs in through the auth backend exactly like Backstage's proxied sign-in: `GET
 * /api/auth/<provider>/refresh` issues the Backstage token, and is called again whenever the
 * token is about to expire.
 */
function SignInAs({
  appTitle,
  choice,
  onSignInSuccess,
  onChooseAgain,
}: {
  appTitle: string;
  choice: SignInChoice;
  onSignInSuccess: (identity: IdentityApi) => void;
  onChooseAgain: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const who = choice.provider === 'demo' ? choice.user.title : 'a guest';

  // A stable component type: ProxiedSignInPage renders it when the backend refuses the sign-in
  // (e.g. on a first start the catalog has not read the demo users yet, or the provider is
  // disabled). The reason and both ways out are shown, not folded away.
  const ErrorComponent: ComponentType<{ error?: Error }> = useMemo(
    () =>
      function SignInError({ error }: { error?: Error }) {
        return (
          <Page themeId="home">
            <Header title={appTitle} />
            <Content>
              <ContentHeader title={`Could not sign in as ${who}`} />
              <Typography role="alert" variant="body1" paragraph>
                {reasonOf(error)}
              </Typography>
              <Button
                variant="contained"
                color="primary"
                onClick={() => setAttempt(n => n + 1)}
              >
                Try again
              </Button>{' '}
              <Button variant="outlined" onClick={onChooseAgain}>
                Choose another user
              </Button>
            </Content>
          </Page>
        );
      },
    [appTitle, who, onChooseAgain],
  );

  return (
    <ProxiedSignInPage
      key={attempt}
      provider={choice.provider}
      headers={
        choice.provider === 'demo'
          ? { [DEMO_USER_HEADER]: choice.user.name }
          : undefined
      }
      onSignInSuccess={onSignInSuccess}
      ErrorComponent={ErrorComponent}
    />
  );
}

/**
 * The backend's reason: a failed refresh is a ResponseError whose own message only has the
 * status; the auth backend's message ("Unknown demo user ...") is its cause.
 */
function reasonOf(error?: Error): string {
  if (!error) return 'Unknown error';
  const cause = error.cause as { message?: unknown } | undefined;
  return typeof cause?.message === 'string' && cause.message
    ? `${cause.message} (${error.message.trim()})`
    : error.message;
}

function DemoUserPicker({
  appTitle,
  users,
  onChoose,
}: {
  appTitle: string;
  users: DemoUser[];
  onChoose: (choice: SignInChoice) => void;
}) {
  return (
    <Page themeId="home">
      <Header title={appTitle} />
      <Content>
        <ContentHeader title="Sign in as a demo user" />
        <Typography variant="body1" paragraph>
          The local demo has no identity provider: choose who you are. Consumers
          request access to datasets for their use cases; dataset owners decide.
          Sign out (Settings) to switch users.
        </Typography>
        <Grid
          container
          spacing={2}
          component="ul"
          aria-label="Demo users"
          style={{ listStyle: 'none', padding: 0 }}
        >
          {users.map(user => (
            <ChoiceCard
              key={user.name}
              id={`demo-user-${user.name}`}
              title={user.title}
              subheader={user.name}
              description={user.description}
              action={`Sign in as ${user.title}`}
              onClick={() => onChoose({ provider: 'demo', user })}
            />
          ))}
          <ChoiceCard
            id="demo-user-guest"
            title="Guest"
            description="Browse the portal without a user of the catalog: you own nothing and belong to no team."
            action="Enter as guest"
            onClick={() => onChoose({ provider: 'guest' })}
          />
        </Grid>
      </Content>
    </Page>
  );
}

function ChoiceCard(props: {
  id: string;
  title: string;
  subheader?: string;
  description?: string;
  action: string;
  onClick: () => void;
}) {
  const descriptionId = `${props.id}-description`;
  return (
    <Grid item component="li" xs={12} sm={6} md={4} lg={3}>
      <InfoCard
        title={props.title}
        subheader={props.subheader}
        variant="fullHeight"
        actions={
          <Button
            color="primary"
            variant="outlined"
            onClick={props.onClick}
            // The button says who; its description says what that user is in the demo.
            aria-describedby={props.description ? descriptionId : undefined}
          >
            {props.action}
          </Button>
        }
      >
        {props.description && (
          <Typography variant="body2" id={descriptionId}>
            {props.description}
          </Typography>
        )}
      </InfoCard>
    </Grid>
  );
}
