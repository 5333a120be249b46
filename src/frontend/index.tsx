/** The UI Kit resource of both modules (manifest: resources[].path). */
import React from 'react';
import ForgeReconciler from '@forge/react';
import { App } from './app';

ForgeReconciler.render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
