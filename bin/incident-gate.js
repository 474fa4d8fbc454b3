#!/usr/bin/env node
// `incident-gate check --service S --env E --version V`: runs the TypeScript CLI through tsx (a
// dependency of this package), so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/incident-gate.ts');
process.exitCode = await main(process.argv.slice(2), process.env, (line) => console.log(line));
