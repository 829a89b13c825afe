/**
 * The two shapes of an events row as it travels from the row builder (event-rows.ts) to the
 * INSERT (batch-writer.ts): every column, or only the columns a successful sign-in keeps
 * (`slim` in the field table). A slim row carries no NULLs for the columns it drops, so the
 * batch posted to the writer thread is smaller and the writer binds only those values: the
 * other columns are left to SQLite, which stores NULL for a column an INSERT does not name.
 * A row says its layout by its length (the two differ), so nothing else travels with it.
 */
import {type EventColumn, type EventField, eventColumns, eventFields} from './event-fields.js';

export interface RowLayout {
	/** The row's columns, in table order. */
	columns: readonly EventColumn[];
	/** Where a column sits in the row; -1 when the layout drops it. */
	at(column: EventColumn): number;
}

function layout(columns: readonly EventColumn[]): RowLayout {
	const index = new Map(columns.map((c, i) => [c, i]));
	return {columns, at: (column) => index.get(column) ?? -1};
}

export const fullLayout = layout(eventColumns);
export const slimLayout = layout((eventFields as readonly EventField[]).filter((f) => f.slim).map((f) => f.column as EventColumn));

/** The layout of a row built by event-rows.ts. */
export function layoutOf(row: readonly unknown[]): RowLayout {
	return row.length === slimLayout.columns.length ? slimLayout : fullLayout;
}
