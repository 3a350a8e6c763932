export interface Config {
  dataHub?: {
    /** Settings of the data hub's scaffolder actions. */
    scaffolder?: {
      /**
       * Folder holding the Terraform modules templates call (`<module>/variables.tf`), relative
       * to the backend's working directory. `datahub:terraform:validate` checks calls of
       * `…//<module>?ref=…` sources against it.
       * @visibility backend
       */
      terraformModulesDirectory?: string;
      /**
       * Folder of the local Git repositories `datahub:publish:local` creates (`<name>.git`,
       * plus the checkouts the catalog reads in `.checkouts/`), relative to the backend's
       * working directory. For a portal on one machine (the embedded default); unset, the
       * action fails and templates publish to GitHub, GitLab or Bitbucket Server instead.
       * @visibility backend
       */
      localGitDirectory?: string;
    };
  };
}
