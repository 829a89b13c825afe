/**
 * Opens the SQLite database: WAL (readers never block the writer), migrations applied in
 * one transaction, and a busy timeout so a second writer waits briefly, then fails clearly.
 */
import Database from 'better-sqlite3';
import {AadlogError} from '../errors.js';
import {migrations} from './schema.js';
import {signinKey} from '../util/hash.js';

export type Db = Database.Database;

/** Bytes per page of a database this creates. */
const pageSize = 16_384;

/** Whether a second connection (the writer thread's) opens the same database: not `:memory:`, not `''` (a private temporary one). */
export function opensTwice(file: string): boolean {
	return file !== ':memory:' && file !== '';
}

export interface OpenOptions {
	readonly?: boolean;
	/** Called before an existing database is upgraded: rebuilding indexes of millions of events takes a while (45 s for 10M). */
	onUpgrade?: (from: number, to: number) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
	let db: Db;
	try {
		db = new Database(file, {readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false});
	} catch (error) {
		throw new AadlogError('ERR_DB', `${file}: cannot open database: ${(error as Error).message}`, {cause: error});
	}
	if (options.readonly) {
		// A read-only open cannot migrate: say what to do instead of failing on a missing table.
		const version = db.pragma('user_version', {simple: true}) as number;
		if (version < migrations.length) {
			db.close();
			throw new AadlogError('ERR_DB', `${file}: written by an older aadlog (schema ${version} of ${migrations.length}); run aadlog analyze --db ${file} once to upgrade it`);
		}
		return db;
	}
	db.pragma('busy_timeout = 5000');
	// A new file only (an existing one keeps its page size: changing it rewrites the whole file).
	// 16 KiB pages hold more index entries each, so an insert dirties fewer pages: storing the
	// 100 MB benchmark's 80,197 events took 0.8-0.9 s in SQLite against 1.0-1.4 s with 4 KiB.
	if (db.pragma('page_count', {simple: true}) === 0) db.pragma(`page_size = ${pageSize}`);
	if (file !== ':memory:') db.pragma('journal_mode = WAL');
	// NORMAL is durable across a killed process in WAL mode; only a power cut can lose the last commit.
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	migrate(db, file, options.onUpgrade);
	return db;
}

function migrate(db: Db, file: string, onUpgrade?: OpenOptions['onUpgrade']): void {
	const current = db.pragma('user_version', {simple: true}) as number;
	if (current > migrations.length) {
		throw new AadlogError('ERR_DB', `${file}: written by a newer aadlog (schema ${current}, this one knows ${migrations.length})`);
	}
	if (current === migrations.length) return;
	if (current > 0) onUpgrade?.(current, migrations.length);
	// Migration 12 keys stored sign-ins by their id, with the function new records are keyed by.
	db.function('aadlog_signin_key', {deterministic: true}, (id) => signinKey(String(id)));
	db.transaction(() => {
		for (let version = current; version < migrations.length; version++) db.exec(migrations[version]);
		db.pragma(`user_version = ${migrations.length}`);
	}).immediate();
}
