// electron-builder afterSign hook: notarizes the signed macOS app with Apple's notary service when
// credentials are in the environment; anywhere else (Linux, Windows, unsigned local builds) it says why it skipped.
// Credentials, in order of preference (same names electron-builder documents):
//   APPLE_API_KEY (path to the .p8), APPLE_API_KEY_ID, APPLE_API_ISSUER
//   APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID
//   APPLE_KEYCHAIN_PROFILE (optionally APPLE_KEYCHAIN)
import { join } from 'node:path';

/** Picks notarytool credentials from the environment, or undefined. Never logs their values. */
export function notarizeCredentials(env) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) {
    return { appleApiKey: env.APPLE_API_KEY, appleApiKeyId: env.APPLE_API_KEY_ID, appleApiIssuer: env.APPLE_API_ISSUER };
  }
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) {
    return { appleId: env.APPLE_ID, appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD, teamId: env.APPLE_TEAM_ID };
  }
  if (env.APPLE_KEYCHAIN_PROFILE) {
    return { keychainProfile: env.APPLE_KEYCHAIN_PROFILE, ...(env.APPLE_KEYCHAIN ? { keychain: env.APPLE_KEYCHAIN } : {}) };
  }
  return undefined;
}

/** The hook electron-builder calls after signing. */
export default async function notarizeHallpass(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const credentials = notarizeCredentials(process.env);
  if (!credentials) {
    console.log('notarize: skipped — no Apple notarization credentials in the environment (see build/notarize.mjs)');
    return;
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const { notarize } = await import('@electron/notarize');
  console.log(`notarize: submitting ${appPath}`);
  await notarize({ appPath, ...credentials });
  console.log('notarize: done');
}
