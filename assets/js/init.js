// Progressive enhancement only: every page works without this file.
import { initAll } from "../govuk/govuk-frontend.min.js";
import { initListenButtons } from "./listen.js";
import { initRecorders } from "./recorder.js";

initAll();
initRecorders();
initListenButtons();
