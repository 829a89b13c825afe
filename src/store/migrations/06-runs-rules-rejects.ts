/**
 * Schema migrations 6, 7, 8: which process ran a run, which rules classified it, rejects kept once.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const runsRulesRejects: readonly string[] = [
	/* 6: which process ran a run, so a run that was killed is told from one still running */ `
ALTER TABLE runs ADD COLUMN pid INTEGER /* process id of the aadlog that ran it: a run left 'running' whose process is gone becomes status killed */;
ALTER TABLE runs ADD COLUMN host TEXT /* host name it ran on */;
`,
	/* 7: which rules gave stored events their causes */ `
ALTER TABLE runs ADD COLUMN rules_version TEXT /* fingerprint of the rules the run classified with (sha256 of their content, 16 hex) */;

CREATE TABLE reclassifications (
  id            INTEGER PRIMARY KEY, -- row id
  at            TEXT NOT NULL,       -- when aadlog reclassify ran, ISO 8601 UTC
  rules_version TEXT NOT NULL,       -- fingerprint of the rules it applied
  examined      INTEGER NOT NULL,    -- sign-in failures and interrupts looked at
  changed       INTEGER NOT NULL,    -- of which the cause (or outcome) changed
  kept          INTEGER NOT NULL,    -- left with their cause: its rule does not travel whole to SQL
  version       TEXT NOT NULL        -- aadlog version
);
`,
	/* 8: a broken record read again (a nightly re-read, a line still being written) is kept once */ `
ALTER TABLE rejects ADD COLUMN reject_key INTEGER /* 64-bit hash of path, line, item and excerpt: the same broken record is kept once */;
CREATE UNIQUE INDEX rejects_by_key ON rejects(reject_key) WHERE reject_key IS NOT NULL;
`,
];
