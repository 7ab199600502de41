import { createInstance, type LanguageDetectorModule } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { environment } from "./environment";
import { joinPath } from "./util/joinPath";

type Message = { key: string; value: string };

const languageOfThePage: LanguageDetectorModule = {
  type: "languageDetector",
  detect: () => environment.locale,
};

/**
 * The console's messages: the account theme's messages (ours with keycloak.v3's beneath), as Keycloak serves
 * them for the realm and language, as Keycloak's own account console loads them.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  showSupportNotice: false,
  nsSeparator: false,
  interpolation: { escapeValue: false }, // React escapes every string it renders
  backend: {
    loadPath: joinPath(environment.serverBaseUrl, `resources/${environment.realm}/account/{{lng}}`),
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as Message[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend);
i18n.use(languageOfThePage);
i18n.use(initReactI18next);
