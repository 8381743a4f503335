// FTP and FTPS downloads (basic-ftp): passive mode, REST from the bytes on disk, SIZE and MDTM as
// the proof of the version, several connections when the server allows them.
import type { ProtocolDescriptor } from '../protocol.ts';
import { DOWNLOAD_SCHEMES_OF } from '../../../../shared/download-schemes.ts';
import { FtpFactsSchema, sameFtpVersion } from './ftp-facts.ts';

export const ftpProtocol = {
  name: 'ftp',
  downloadSchemes: DOWNLOAD_SCHEMES_OF.ftp,
  source: async () => (await import('./ftp-source.ts')).ftpSource,
  uploads: {},
  facts: FtpFactsSchema,
  sameVersion: sameFtpVersion,
} satisfies ProtocolDescriptor<typeof FtpFactsSchema>;
