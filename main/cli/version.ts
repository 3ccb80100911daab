/** Hallpass' version, from package.json. */
import pkg from '../../package.json' with { type: 'json' };

/** The version string of this checkout or install. */
export const VERSION: string = pkg.version;
