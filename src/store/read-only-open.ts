/** Where a read-only open (query, report, trace) points SQLite. */
export function readOnlyTarget(file: string): string {
	return file;
}
