/**
 * Query output to stdout as it is produced. When the pipe is full (write returns false) the
 * next chunk waits for 'drain', so a slow reader holds the query back instead of the text
 * piling up in memory. A closed pipe (`| head`) ends quietly: see setupOutput.
 */
import {once} from 'node:events';
import {renderColorMarks} from './colors.js';
import {neutralizeControls} from './control-chars.js';

/** Text whose values each went through redactIdentifier: not redacted again as a whole. */
export async function stdoutSink(text: string): Promise<void> {
	if (!process.stdout.write(renderColorMarks(neutralizeControls(text)))) await once(process.stdout, 'drain');
}
