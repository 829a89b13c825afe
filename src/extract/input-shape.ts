/**
 * One input shape: how a record of it is recognized and read. Each shape is one file in
 * shapes/, listed once in shapes/index.ts; the registry test (test/input-shapes.test.ts)
 * asks each for a sample and a test of its own.
 */
import type {AuthEvent, RecordSource} from './event.js';
import type {JsonObject} from './json-values.js';

export interface InputShape {
	/** Stable name: the registry test, test/shapes/<name>.test.ts and samples/README.md use it. */
	readonly name: string;
	/** What the shape is, in a line. */
	readonly summary: string;
	/**
	 * Column names that only this shape's CSV export has: two of them in a first line make
	 * the sniffer read the input as CSV. None for a shape that is never CSV.
	 */
	readonly csvColumns?: readonly string[];
	/** True for a record of this shape. Cheap: it is asked of every record, in registry order. */
	recognize(record: JsonObject): boolean;
	extract(record: JsonObject, source: RecordSource): AuthEvent;
}
