// zod's small build (zod/mini) is what every schema of the project uses: the full build took ~40 ms
// of each command's and the daemon's start (27 ms for zod alone against 3–5 ms). It comes without
// messages; these are the full build's English ones, so what people read is the same. Imported by
// each module that defines schemas, so the messages are set before anything is parsed.
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());
