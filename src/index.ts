/** The app's one Forge function (manifest.yml: function "resolver", handler index.handler). */
export { handler } from './backend/resolver';
