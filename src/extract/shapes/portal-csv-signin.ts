/**
 * Entra admin center "Download" CSV rows (FORMATS.md 1d: InteractiveSignIns_*.csv,
 * NonInteractiveSignIns_*, ApplicationSignIns_*, MSISignIns_*) → AuthEvent. Their columns
 * are named in words (`Date (UTC)`, `Request ID`, `Sign-in error code`); the CSV reader
 * hands them trimmed (`Application ID ` → `Application ID`) and numbers a repeated name
 * (the second `Incoming token type` is `Incoming token type (2)`).
 */

import {tokenIdOfSignin} from '../../tokens/uti.js';
import {realId, realTokenId} from '../artifacts/ids.js';
import {normalizeTime} from '../artifacts/time.js';
import type {AuthEvent, RecordSource} from '../event.js';
import {newEvent} from '../event.js';
import type {InputShape} from '../input-shape.js';
import type {JsonObject} from '../json-values.js';
import {bool, integer, pick, text} from '../json-values.js';
import {lower} from '../signin-fields.js';

export function extractPortalSignin(row: JsonObject, source: RecordSource): AuthEvent {
	const event = newEvent('signin', source);
	event.time = normalizeTime(row['Date (UTC)']);
	event.ids.requestId = realId(text(row['Request ID']));
	event.ids.correlationId = realId(text(row['Correlation ID']));
	event.ids.uti = tokenIdOfSignin(realTokenId(text(row['Unique token identifier'])), event.ids.requestId);
	event.who.upn = text(row.Username);
	event.who.userId = lower(text(row['User ID']));
	event.who.tenantId = lower(text(pick(row, 'Home tenant ID', 'Tenant ID')));
	event.who.ip = text(row['IP address']);
	event.app.id = lower(text(row['Application ID']));
	event.app.name = text(row.Application);
	event.resource.id = lower(text(row['Resource ID']));
	event.resource.name = text(row.Resource);
	const kind = kindOfDownload(source.file);
	event.signin = {
		category: kind?.category,
		clientApp: text(row['Client app']),
		caStatus: text(row['Conditional Access']),
		flow: text(row['Authentication Protocol']),
		credentialType: text(row['Client credential type']),
		incomingTokenType: text(pick(row, 'Incoming token type', 'Incoming token type (2)')),
		failureReason: text(row['Failure reason']),
		isInteractive: kind?.interactive,
		deviceId: text(row['Device ID']),
		deviceOs: text(row['Operating System']),
		browser: text(row.Browser),
		deviceCompliant: bool(row.Compliant),
		deviceManaged: bool(row.Managed),
		deviceTrustType: text(row['Join Type']),
		location: text(row.Location),
	};
	setOutcome(event, integer(row['Sign-in error code']), text(row.Status)?.toLowerCase());
	return event;
}

/**
 * The code decides; the `Status` word (Success, Failure, Interrupted) says whether a
 * non-zero code was an interrupt, and stands alone when the code cell is empty.
 * Neither = unknown, never success.
 */
function setOutcome(event: AuthEvent, code: number | undefined, status: string | undefined): void {
	if (code !== undefined && code !== 0) {
		event.codes.aadsts.push(code);
		event.outcome = status === 'interrupted' ? 'interrupt' : 'failure';
	} else if (code === 0 || status === 'success') {
		event.outcome = 'success';
	} else if (status === 'interrupted') {
		event.outcome = 'interrupt';
	} else if (status === 'failure') {
		event.outcome = 'failure';
	}
}

/** The portal names each download after its tab; the tab is the only place the sign-in type is given. */
const downloadName = /(?:^|[\\/])(NonInteractive|Interactive|Application|MSI)SignIns_[^\\/]*$/;
const downloadKinds: Record<string, {category: string; interactive: boolean}> = {
	Interactive: {category: 'interactiveUser', interactive: true},
	NonInteractive: {category: 'nonInteractiveUser', interactive: false},
	Application: {category: 'servicePrincipal', interactive: false},
	MSI: {category: 'managedIdentity', interactive: false},
};

// Every row of a file asks about the same name: remembered, not matched again.
let lastFile: string | undefined;
let lastKind: {category: string; interactive: boolean} | undefined;

function kindOfDownload(file: string): {category: string; interactive: boolean} | undefined {
	if (file !== lastFile) {
		const match = downloadName.exec(file);
		lastFile = file;
		lastKind = match ? downloadKinds[match[1]] : undefined;
	}
	return lastKind;
}

export const portalCsvSignin: InputShape = {
	name: 'portal-csv-signin',
	summary: 'Entra admin center "Download" CSV (InteractiveSignIns_*.csv and the other tabs): columns named in words',
	csvColumns: ['Date (UTC)', 'Request ID', 'Correlation ID', 'Sign-in error code'],
	// No other export names these columns.
	recognize: (row) => 'Request ID' in row && ('Date (UTC)' in row || 'Sign-in error code' in row),
	extract: extractPortalSignin,
};
