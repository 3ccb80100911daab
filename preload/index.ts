/** The preload script: exposes `window.hallpass` (named actions only) in the isolated world. */
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { createBridgeApi } from './bridge-api.ts';
import { BRIDGE_GLOBAL } from './contract.ts';

// SECURITY: the page's CSP has no 'unsafe-eval'; zod must not even probe `new Function`.
z.config({ jitless: true });
// SECURITY: only the named actions of BridgeApi cross into the page; ipcRenderer itself never does.
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridgeApi(ipcRenderer));
