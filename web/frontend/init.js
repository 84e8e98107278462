// Starts GOV.UK Frontend's components (character count, conditional reveals, error summary focus).
// The pages work without it: every component is plain HTML first.
import { initAll } from "./govuk-frontend.min.js";

initAll();
