/**
 * The input shapes aadlog reads, in one list. A JSON record (a CSV row is one too) is read
 * by the first shape here that recognizes it; a text record, and a JSON record none of them
 * recognizes, by the fallback (app-log). Adding a shape: its file here, an entry below, a
 * sample in samples/ and test/shapes/<name>.test.ts (test/input-shapes.test.ts checks all three).
 */
import type {InputShape} from '../input-shape.js';
import type {JsonObject} from '../json-values.js';
import {appLog} from './app-log.js';
import {diagnosticSignin} from './diagnostic-signin.js';
import {graphSignin} from './graph-signin.js';
import {logAnalyticsSignin} from './log-analytics-signin.js';
import {portalCsvSignin} from './portal-csv-signin.js';

/**
 * Most specific first: a diagnostic record's `properties` hold Graph fields, and a Graph
 * record is recognized by as little as `createdDateTime`.
 */
export const recordShapes: readonly InputShape[] = [diagnosticSignin, portalCsvSignin, logAnalyticsSignin, graphSignin];

/** Text records, and JSON records no shape recognizes (token endpoint bodies, msal-node errors, pino lines). */
export const fallbackShape = appLog;

export const shapeNames: readonly string[] = [...recordShapes.map((shape) => shape.name), fallbackShape.name];

/** The shape that reads a JSON object, or undefined for the fallback. */
export function shapeOf(record: JsonObject): InputShape | undefined {
	for (const shape of recordShapes) if (shape.recognize(record)) return shape;
	return undefined;
}

/** Columns that only sign-in CSV exports have: the sniffer reads a first line naming two of them as a CSV header. */
export const signinCsvColumns: ReadonlySet<string> = new Set(recordShapes.flatMap((shape) => shape.csvColumns ?? []));
