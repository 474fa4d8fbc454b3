// Setup file of every project (vitest.config.ts): the processes a test started die with it.
import { killProcessesAfterEachTest } from './processes.ts';

killProcessesAfterEachTest();
