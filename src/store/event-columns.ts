/**
 * A batch's events column by column: the form in which they cross to the writer thread.
 * A message is copied value by value and array by array, and the receiving thread rebuilds
 * every array: the 100 MB benchmark's 80,197 events took the writer thread 46-62 ms to
 * receive as 42 arrays a batch, against 133-147 ms as one array per event, and 83-111 ms
 * to post against 98-132 (bench/micro/batch-transfer.js). A column that holds one value
 * in every row of the batch crosses as that one value: in a batch of sign-ins a third of
 * the columns are all NULL, and every row has the same run.
 */
import {eventColumns, type EventRows} from './event-rows.js';

/** Each row's value, or the one value every row of the batch has. */
export type Column = unknown[] | {all: unknown};

export interface EventColumns {
	rows: number;
	/** In eventColumns order. */
	columns: Column[];
	/** The matched causes in row order, most likely first within a row: the row, the cause id, the evidence. */
	causeRow: number[];
	causeId: number[];
	evidence: string[];
	/** The tokens used, in row order: the row, and what EventRows says of the token. */
	tokenRow: number[];
	tokens: EventRows['tokens'];
}

const width = eventColumns.length;

export class EventColumnsBuilder {
	private events = emptyColumns();

	get rows(): number {
		return this.events.rows;
	}

	add({event, causes, tokens}: EventRows): void {
		const {events} = this;
		const row = events.rows++;
		for (let c = 0; c < width; c++) (events.columns[c] as unknown[]).push(event[c]);
		for (const [id, evidence] of causes) {
			events.causeRow.push(row);
			events.causeId.push(id);
			events.evidence.push(evidence);
		}
		for (const token of tokens) {
			events.tokenRow.push(row);
			events.tokens.push(token);
		}
	}

	/** The events added since the last take, a column of one value shared by all as {all}. */
	take(): EventColumns {
		const {events} = this;
		this.events = emptyColumns();
		if (events.rows > 0) events.columns = events.columns.map((column) => oneValue(column as unknown[]) ?? column);
		return events;
	}
}

function emptyColumns(): EventColumns {
	return {rows: 0, columns: Array.from({length: width}, () => []), causeRow: [], causeId: [], evidence: [], tokenRow: [], tokens: []};
}

function oneValue(values: unknown[]): {all: unknown} | undefined {
	const first = values[0];
	for (let i = 1; i < values.length; i++) if (values[i] !== first) return undefined;
	return {all: first};
}

/**
 * The rows of a batch again, one at a time, in one array that each call refills: what
 * reads a row must not keep it.
 */
export class RowReader {
	private readonly current: unknown[] = new Array(width);
	/** The columns whose value changes from row to row. */
	private readonly varying: Array<[number, unknown[]]> = [];

	constructor(events: EventColumns) {
		events.columns.forEach((column, c) => {
			if (Array.isArray(column)) this.varying.push([c, column]);
			else this.current[c] = column.all;
		});
	}

	at(index: number): unknown[] {
		for (const [c, values] of this.varying) this.current[c] = values[index];
		return this.current;
	}
}
