// The status page's components: services shown on it, and those configured with `status_page: false`.
export type StatusComponents = { visible: readonly string[]; hidden: readonly string[] };

// What the configuration allows users to type.
export type CommandContext = {
  severities: readonly string[];
  services: readonly string[];
  statusComponents?: StatusComponents;
};
