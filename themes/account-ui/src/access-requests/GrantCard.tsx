import {
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
} from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import type { Grant } from "../api/types";
import { formatInstant } from "../util/durations";
import { useRoleName } from "./RoleName";
import { StatusLabel } from "./StatusLabel";
import { TimeLeft } from "./TimeLeft";

/** One active grant: the role, since when and until when, the time left, and a way to end it now. */
export const GrantCard = ({ grant, now, onEnd }: { grant: Grant; now: number; onEnd: (grant: Grant) => void }) => {
  const { t, i18n } = useTranslation();
  const roleName = useRoleName();
  const locale = i18n.language;
  return (
    <Card id={`jit-grant-${grant.id}`} data-testid="jit-grant" data-grant-id={grant.id} isCompact>
      <CardHeader>
        <Flex alignItems={{ default: "alignItemsCenter" }} spaceItems={{ default: "spaceItemsSm" }}>
          <FlexItem>
            <CardTitle component="h3">{roleName(grant.role, grant.client, grant.group)}</CardTitle>
          </FlexItem>
          <FlexItem>
            <StatusLabel status={grant.status} />
          </FlexItem>
          <FlexItem align={{ default: "alignRight" }}>
            <TimeLeft until={grant.endsAt} now={now} label="jitEndsIn" pastLabel="jitEnding" />
          </FlexItem>
        </Flex>
      </CardHeader>
      <CardBody>
        <DescriptionList isCompact isHorizontal columnModifier={{ default: "1Col", lg: "2Col" }}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("jitStartedAt")}</DescriptionListTerm>
            <DescriptionListDescription>{formatInstant(grant.startsAt, locale)}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("jitEndsAt")}</DescriptionListTerm>
            <DescriptionListDescription data-testid="jit-field-endsAt">{formatInstant(grant.endsAt, locale)}</DescriptionListDescription>
          </DescriptionListGroup>
          {grant.standing && (
            <DescriptionListGroup>
              <DescriptionListTerm>{t("jitStanding")}</DescriptionListTerm>
              <DescriptionListDescription>{t("jitStandingHelp")}</DescriptionListDescription>
            </DescriptionListGroup>
          )}
        </DescriptionList>
      </CardBody>
      <CardFooter>
        <Button variant="secondary" isDanger data-testid="jit-end-grant" onClick={() => onEnd(grant)}>
          {t("jitEndNow")}
        </Button>
      </CardFooter>
    </Card>
  );
};
