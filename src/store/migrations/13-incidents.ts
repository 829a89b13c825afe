/**
 * Schema migration 13: app records of one failed request are stored as one event (src/incident):
 * the lines of the records it holds.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const incidents: readonly string[] = [
	/* 13: the records an incident groups, by line; NULL for an event of one record. */ `
ALTER TABLE events ADD COLUMN records TEXT /* app incidents: the lines of every record grouped into this event (12,13,15; line#index inside a JSON array); NULL for one record */;
`,
];
