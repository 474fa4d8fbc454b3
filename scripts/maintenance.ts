// Shared by the db:* scripts: how they end on a refusal (passwords in URLs masked).
import { maskSecrets } from '../src/log.ts';

export function failWith(message: string, code: number): never {
  console.error(maskSecrets(message));
  process.exit(code);
}
