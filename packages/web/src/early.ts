// A page load's first requests, before the app's code loads and evaluates (lib/early-requests.ts).
import { startPageLoadRequests } from './lib/early-requests.ts';

startPageLoadRequests(window.location);
