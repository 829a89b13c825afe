/**
 * What a selection key may be: `field` or `field|modifier`. rules/schema.json carries this
 * list as its key pattern (and as completions for editors); `node scripts/schema-fields.mjs`
 * writes that part of the schema from here, and a test fails when the committed schema is
 * behind.
 */
import {ruleFields} from '../store/event-fields.js';
import {appOnlyEvidence} from './app-only-fields.js';

/**
 * Rule fields an event can carry that the events table does not store as columns: token
 * facts, a validator's expectations, the request an app record described, the size of an
 * incident, the joined sign-in, the catalog entry of the code, the Conditional Access policies
 * (rows of event_ca_policies), and a few sign-in details only the rules read.
 */
const unstoredFields = [
	'codes.bearerErrorDescription',
	'signin.caPolicies',
	'signin.credentialType',
	'signin.incomingTokenType',
	'signin.processingDetails',
	'linked.via',
	'linked.signinCause',
	'linked.signinOutcome',
	'token.alg',
	'token.kid',
	'token.typ',
	'token.aud',
	'token.iss',
	'token.tid',
	'token.appid',
	'token.azp',
	'token.ver',
	'token.scp',
	'token.roles',
	'token.issuerKind',
	'token.malformed',
	'token.exp',
	'token.nbf',
	'token.encrypted',
	'token.idtyp',
	'token.hasNonce',
	'token.cloud',
	'token.graphAudience',
	'token.idToken',
	'token.signature',
	'token.expiredAtUse',
	'token.notYetValidAtUse',
	'token.secondsPastExp',
	'token.audienceMismatch',
	'token.issuerMismatch',
	'token.tenantMismatch',
	'token.versionMismatch',
	'token.issuerFormatMismatch',
	'token.authorityMismatch',
	'token.missingScopes',
	'expected.audiences',
	'expected.issuers',
	'expected.scopes',
	'request.grantType',
	'request.onBehalfOf',
	'request.scopes',
	'request.wwwAuthenticate',
	'request.registration',
	'incident.records',
	'catalog.category',
	'catalog.who',
	'catalog.retryable',
];

/**
 * Field paths a rule may test: the stored ones named in the field table (event-fields.ts),
 * then the rest. A typo in a rule is caught at load time (and in the editor:
 * rules/schema.json's key pattern is generated from this list), not by silence.
 */
export const matchableFields: ReadonlySet<string> = new Set([...ruleFields.keys(), ...unstoredFields]);

/** The modifiers of `field|modifier` keys. */
export const modifiers = ['eq', 'contains', 'startswith', 'endswith', 're', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type Modifier = (typeof modifiers)[number];

/** A key the schema refused, in words: which part is wrong, and the nearest known field. */
export function keyProblem(key: string): string {
	const [field, modifier, ...rest] = key.split('|');
	if (!matchableFields.has(field)) return `names no event field (${suggestion(field)})`;
	if (rest.length > 0 || !modifiers.includes(modifier as Modifier)) return `has an unknown modifier (known: ${modifiers.join(', ')})`;
	return 'is not a field name';
}

/** The known field nearest a misspelt one, or the whole list when none is near. */
function suggestion(name: string): string {
	let best: string | undefined;
	let bestDistance = 3;
	for (const known of matchableFields) {
		const distance = editDistance(name.toLowerCase(), known.toLowerCase());
		if (distance < bestDistance) [best, bestDistance] = [known, distance];
	}
	return best === undefined ? `known: ${[...matchableFields].join(', ')}` : `did you mean ${best}?`;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		previous = current;
	}
	return previous[b.length];
}

interface SchemaWithSelection {
	definitions: {selection: {propertyNames: {pattern: string}; properties?: Record<string, unknown>}};
}

/**
 * The schema with its generated part from the lists above: the key pattern (an editor
 * flags a misspelt field as it is typed) and one property per field (offered as completions).
 */
export function withRuleFields<T extends SchemaWithSelection>(schema: T): T {
	const escapeDots = (text: string): string => text.replaceAll('.', '\\.');
	const selection = schema.definitions.selection;
	selection.propertyNames.pattern = `^(${[...matchableFields].map(escapeDots).join('|')})(\\|(${modifiers.join('|')}))?$`;
	selection.properties = Object.fromEntries(
		[...matchableFields].map((field) => {
			const appOnly = appOnlyEvidence(field);
			return [field, {description: appOnly === undefined ? 'sign-ins and app events' : `app events only: ${appOnly}`}];
		}),
	);
	return schema;
}

/** The schema file's text: tab-indented JSON, as the script writes it. */
export function schemaText(schema: unknown): string {
	return `${JSON.stringify(schema, null, '\t')}\n`;
}
