export interface Config {
  dataHub?: {
    /** Settings of the data hub's scaffolder actions. */
    scaffolder?: {
      /**
       * Folder holding the Terraform modules templates call (`<module>/variables.tf`), relative
       * to the backend's working directory. `datahub:terraform:validate` checks calls of
       * `…//<module>?ref=…` sources against it.
       */
      terraformModulesDirectory?: string;
    };
  };
}
