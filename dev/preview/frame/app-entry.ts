// The app frame for the real pages: the fake host first, then the app's own entry, unchanged.
import './bridge';
import '../../../src/frontend/index';
