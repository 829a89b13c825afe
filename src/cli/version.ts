import {readFileSync} from 'node:fs';

/** aadlog's version, from its own package.json (recorded in every run). */
export const version: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}).version;
