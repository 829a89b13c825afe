/**
 * Schema migration 17: device join types stored before src/extract/canonical-values.ts had
 * one spelling for them take Microsoft Entra's names, so a query or rule on
 * device_trust_type sees one value whatever the export.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const deviceJoinType: readonly string[] = [
	/* 17: device_trust_type in Microsoft Entra's names. */ `
UPDATE events SET device_trust_type = CASE lower(trim(device_trust_type))
    WHEN 'azure ad joined' THEN 'Microsoft Entra joined' WHEN 'azuread joined' THEN 'Microsoft Entra joined'
    WHEN 'azuread' THEN 'Microsoft Entra joined' WHEN 'microsoft entra joined' THEN 'Microsoft Entra joined'
    WHEN 'hybrid azure ad joined' THEN 'Microsoft Entra hybrid joined' WHEN 'hybrid azuread joined' THEN 'Microsoft Entra hybrid joined'
    WHEN 'microsoft entra hybrid joined' THEN 'Microsoft Entra hybrid joined' WHEN 'serverad' THEN 'Microsoft Entra hybrid joined'
    WHEN 'azure ad registered' THEN 'Microsoft Entra registered' WHEN 'azuread registered' THEN 'Microsoft Entra registered'
    WHEN 'microsoft entra registered' THEN 'Microsoft Entra registered' WHEN 'workplace' THEN 'Microsoft Entra registered'
    WHEN 'workplace joined' THEN 'Microsoft Entra registered'
    ELSE nullif(trim(device_trust_type), '') END
  WHERE device_trust_type IS NOT NULL;
`,
];
