// `node --import` this file to make `import … from 'electron'` load the stand-in (electron-stand-in.ts).
import { registerHooks } from 'node:module';

const standIn = new URL('./electron-stand-in.ts', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true, format: 'module-typescript' };
    return nextResolve(specifier, context);
  },
});
