import { Button, Flex, FlexItem, Text, TextContent } from "@patternfly/react-core";
import { KeyIcon } from "@patternfly/react-icons";
import { useTranslation } from "react-i18next";

import { formatInstant } from "../util/durations";
import type { Ledger } from "./useLedger";

/** The bar above the page: ask for access (when anything is eligible), and when the page was last refreshed. */
export const AccessToolbar = ({ ledger, onAsk }: { ledger: Ledger; onAsk: () => void }) => {
  const { t, i18n } = useTranslation();
  return (
    <Flex className="pf-v5-u-mb-md" alignItems={{ default: "alignItemsCenter" }}>
      <FlexItem>
        <Button variant="primary" icon={<KeyIcon />} data-testid="jit-request-access" isDisabled={ledger.policies.length === 0} onClick={onAsk}>
          {t("jitRequestAccess")}
        </Button>
      </FlexItem>
      {ledger.loaded && ledger.policies.length === 0 && (
        <FlexItem>
          <Text component="small" data-testid="jit-nothing-eligible">
            {t("jitNothingEligible")}
          </Text>
        </FlexItem>
      )}
      <FlexItem align={{ default: "alignRight" }}>
        <TextContent>
          <Text component="small" data-testid="jit-updated">
            {ledger.loadedAt ? t("jitUpdatedAt", { time: formatInstant(new Date(ledger.loadedAt).toISOString(), i18n.language) }) : ""}
          </Text>
        </TextContent>
      </FlexItem>
    </Flex>
  );
};
