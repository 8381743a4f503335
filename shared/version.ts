// Ferry's version, in one place: the CLI's --version, the hosts' info, and the User-Agent.
// Kept equal to package.json's (a test checks).
export const FERRY_VERSION = '0.1.0';
