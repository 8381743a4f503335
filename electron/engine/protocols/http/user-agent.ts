// The User-Agent of every request Ferry makes, apart from the modules that make them (so an upload
// does not load the download client to name itself).
import { FERRY_VERSION } from '../../../../shared/version.ts';

export const USER_AGENT = `Ferry/${FERRY_VERSION}`;
