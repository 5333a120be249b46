/** The UI Kit resource of both modules (manifest: resources[].path). */
import React from 'react';
import ForgeReconciler from '@forge/react';
import { App } from './app';

// No StrictMode: in a development build it runs effects twice, and the page must read the site once.
ForgeReconciler.render(<App />);
