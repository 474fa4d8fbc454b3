// What the configuration allows users to type.
export type CommandContext = { severities: readonly string[]; services: readonly string[] };
