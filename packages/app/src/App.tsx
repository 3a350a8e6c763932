import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogPageModule } from './modules/catalogPage';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Every other frontend package (the data hub's included) is discovered from
// packages/app/package.json through `app.packages: all` in app-config.yaml.
export default createApp({
  features: [catalogPlugin, catalogPageModule, navModule, signInModule],
});
