/**
 * `aadlog token` on a terminal: an offline jwt.ms with a verdict. Header and claims with
 * readable times, where the token came from, and every diagnosis with its fix. The token
 * itself and its signature are never printed.
 */
import {paint} from '../cli/colors.js';
import type {TokenReport} from '../tokens/diagnose.js';

const timeClaims = new Set(['iat', 'nbf', 'exp', 'auth_time', 'xms_tcdt', 'xms_iat']);
const issuerNames: Record<string, string> = {
	'aad-v1': 'Entra ID, v1.0 issuer',
	'aad-v2': 'Entra ID, v2.0 issuer',
	b2c: 'Azure AD B2C',
	other: 'not Entra or B2C',
};

export function tokenTerminal(reports: readonly TokenReport[]): string {
	return reports.map(render).join('\n');
}

function render(r: TokenReport): string {
	const t = r.facts;
	const out: string[] = [];
	const verdict =
		r.diagnoses.length > 0
			? paint.red(paint.bold(`${r.diagnoses.length} problem${r.diagnoses.length > 1 ? 's' : ''} found`))
			: paint.green(paint.bold('no problem found'));
	out.push(`${paint.bold('token')} ${paint.dim(`fingerprint ${r.fingerprint}`)} · ${verdict} ${paint.dim(`(at ${r.at})`)}`);
	out.push(`  issuer: ${issuerNames[t.issuerKind]}${t.cloud ? `, ${t.cloud} cloud` : ''}${t.iss ? paint.dim(`  ${t.iss}`) : ''}`);
	if (t.exp !== undefined && t.secondsPastExp !== undefined) {
		const when =
			t.secondsPastExp > 0 ? paint.red(`expired ${duration(t.secondsPastExp)} before`) : paint.green(`valid for ${duration(-t.secondsPastExp)} after`);
		out.push(`  lifetime: ${when} ${r.at}`);
	}
	if (t.signature) out.push(`  signature: ${t.signature === 'valid' ? paint.green('valid') : paint.red(t.signature)} (against --jwks)`);
	if (r.issuedBySignin) out.push(`  issued by the sign-in with Request ID ${paint.cyan(r.issuedBySignin)} (uti)`);
	for (const note of r.notes) out.push(paint.dim(`  note: ${note}`));

	if (r.header) out.push('', paint.bold('Header'), ...fields(r.header));
	if (r.claims) out.push('', paint.bold('Claims'), ...fields(r.claims));

	if (r.diagnoses.length > 0) {
		out.push('', paint.bold('Diagnoses (most likely first)'));
		for (const d of r.diagnoses) {
			out.push(`  ${paint.cyan(d.rule)} ${paint.dim(`(${d.who}, confidence ${d.confidence.toFixed(2)})`)} ${d.title}`);
			out.push(paint.dim(`    because ${d.evidence.join(', ')}`));
			out.push(`    fix: ${d.fix.replace(/\s+/g, ' ')}`);
		}
	}
	return out.join('\n') + '\n';
}

function fields(object: Record<string, unknown>): string[] {
	const width = Math.min(24, Math.max(...Object.keys(object).map((k) => k.length)));
	return Object.entries(object).map(([key, value]) => {
		const shown = typeof value === 'string' ? value : JSON.stringify(value);
		const time = timeClaims.has(key) && typeof value === 'number' ? paint.dim(`  ${new Date(value * 1000).toISOString()}`) : '';
		return `  ${key.padEnd(width)}  ${shown}${time}`;
	});
}

function duration(seconds: number): string {
	const s = Math.abs(seconds);
	if (s < 120) return `${s} s`;
	if (s < 7200) return `${Math.round(s / 60)} min`;
	if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
	return `${Math.round(s / 86_400)} days`;
}
