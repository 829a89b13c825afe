/**
 * Schema migration 14: sign-ins stored before src/extract/canonical-values.ts get its spelling,
 * so a query or rule comparing ca_status, category or flow sees one value whatever the export.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const oneVocabulary: readonly string[] = [
	/* 14: ca_status, category, flow and is_interactive in their canonical values. */ `
UPDATE events SET ca_status = CASE lower(replace(ca_status, ' ', ''))
    WHEN 'success' THEN 'success' WHEN 'failure' THEN 'failure' WHEN 'notapplied' THEN 'notApplied'
    WHEN 'unknownfuturevalue' THEN 'unknownFutureValue' ELSE ca_status END
  WHERE ca_status IS NOT NULL;
UPDATE events SET category = CASE lower(category)
    WHEN 'signinlogs' THEN 'interactiveUser' WHEN 'interactiveuser' THEN 'interactiveUser'
    WHEN 'noninteractiveusersigninlogs' THEN 'nonInteractiveUser' WHEN 'noninteractiveuser' THEN 'nonInteractiveUser'
    WHEN 'serviceprincipalsigninlogs' THEN 'servicePrincipal' WHEN 'serviceprincipal' THEN 'servicePrincipal'
    WHEN 'managedidentitysigninlogs' THEN 'managedIdentity' WHEN 'managedidentity' THEN 'managedIdentity'
    ELSE category END
  WHERE category IS NOT NULL;
UPDATE events SET flow = CASE lower(flow)
    WHEN 'none' THEN NULL WHEN 'oauth 2.0' THEN 'oAuth2' WHEN 'saml 2.0' THEN 'saml20'
    WHEN 'ws-federation' THEN 'wsFederation' WHEN 'device code' THEN 'deviceCode' ELSE flow END
  WHERE flow IS NOT NULL;
UPDATE events SET is_interactive = (category = 'interactiveUser')
  WHERE category IN ('interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity');
`,
];
