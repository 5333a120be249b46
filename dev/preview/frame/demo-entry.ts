// The app frame for the renderer's own demo page (`npm start -- --demo`).
import './bridge';
import '../demo/index';
