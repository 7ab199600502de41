import {
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
  List,
  ListItem,
} from "@patternfly/react-core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { AccessRequest } from "../api/types";
import { formatInstant, humanDuration, parseIsoDuration } from "../util/durations";
import { useRoleName } from "./RoleName";
import { StatusLabel } from "./StatusLabel";
import { TimeLeft } from "./TimeLeft";

const Field = ({ name, term, children }: { name: string; term: string; children: ReactNode }) => (
  <DescriptionListGroup data-field={name}>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription className="jit-text" data-testid={`jit-field-${name}`}>
      {children}
    </DescriptionListDescription>
  </DescriptionListGroup>
);

/**
 * One access request with everything an approver needs to decide it: who asks, for which role and how long,
 * why (justification and ticket), from where, with which second factor, and how long it still waits.
 * Every value is rendered as text.
 */
export const RequestCard = ({
  request,
  now,
  highlighted,
  actions,
}: {
  request: AccessRequest;
  now: number;
  highlighted?: boolean;
  actions?: ReactNode;
}) => {
  const { t, i18n } = useTranslation();
  const roleName = useRoleName();
  const locale = i18n.language;
  const seconds = parseIsoDuration(request.duration);
  const approvals = request.approvals.filter((a) => a.verdict === "APPROVE").length;
  const none = t("jitNone");
  return (
    <Card
      id={`jit-request-${request.id}`}
      className={`jit-request${highlighted ? " jit-highlight" : ""}`}
      data-testid="jit-request"
      data-request-id={request.id}
      isCompact
    >
      <CardHeader>
        <Flex alignItems={{ default: "alignItemsCenter" }} spaceItems={{ default: "spaceItemsSm" }}>
          <FlexItem>
            <CardTitle component="h3" data-testid="jit-request-title">
              {roleName(request.role, request.client, request.group)}
            </CardTitle>
          </FlexItem>
          <FlexItem>
            <StatusLabel status={request.status} />
          </FlexItem>
          {request.status === "PENDING" && (
            <FlexItem align={{ default: "alignRight" }}>
              <TimeLeft until={request.expiresAt} now={now} label="jitLapsesIn" pastLabel="jitLapsed" />
            </FlexItem>
          )}
        </Flex>
      </CardHeader>
      <CardBody>
        <DescriptionList isCompact isHorizontal columnModifier={{ default: "1Col", lg: "2Col" }}>
          <Field name="requester" term={t("jitRequester")}>
            {request.requester.serviceAccountOf
              ? t("jitServiceAccountOf", { username: request.requester.username, client: request.requester.serviceAccountOf })
              : request.requester.username}
          </Field>
          {request.group ? (
            <Field name="group" term={t("jitGroup")}>
              {request.group}
            </Field>
          ) : (
            <>
              <Field name="role" term={t("jitRole")}>
                {request.role}
              </Field>
              <Field name="client" term={t("jitClient")}>
                {request.client ?? t("jitRealmRole")}
              </Field>
            </>
          )}
          <Field name="duration" term={t("jitDuration")}>
            {seconds === undefined ? request.duration : humanDuration(seconds, locale)}
          </Field>
          <Field name="justification" term={t("jitJustification")}>
            {request.justification || none}
          </Field>
          <Field name="ticket" term={t("jitTicket")}>
            {request.ticket || none}
          </Field>
          <Field name="sourceIp" term={t("jitSourceIp")}>
            {request.sourceIp || none}
          </Field>
          <Field name="mfa" term={t("jitMfaEvidence")}>
            {request.mfa.acr
              ? t("jitMfaValue", { acr: request.mfa.acr, level: request.mfa.level ?? 0, at: formatInstant(request.mfa.at, locale) || none })
              : t("jitMfaNone")}
          </Field>
          <Field name="policy" term={t("jitPolicy")}>
            {request.policy.name}
          </Field>
          <Field name="createdAt" term={t("jitRequestedAt")}>
            {formatInstant(request.createdAt, locale)}
          </Field>
          {request.status === "PENDING" ? (
            <Field name="expiresAt" term={t("jitLapsesAt")}>
              {formatInstant(request.expiresAt, locale)}
            </Field>
          ) : (
            <Field name="decidedAt" term={t("jitDecidedAt")}>
              {formatInstant(request.decidedAt, locale) || none}
            </Field>
          )}
          <Field name="approvals" term={t("jitApprovals")}>
            {t("jitApprovalsProgress", { approved: approvals, required: request.requiredApprovals })}
          </Field>
        </DescriptionList>
        {request.approvals.length > 0 && (
          <List isPlain className="pf-v5-u-mt-md" data-testid="jit-decisions">
            {request.approvals.map((approval) => (
              <ListItem key={`${approval.approver.id}-${approval.decidedAt}`} data-testid="jit-decision">
                <span className="jit-text">
                  {t(approval.verdict === "APPROVE" ? "jitApprovedBy" : "jitDeniedBy", {
                    approver: approval.approver.username,
                    at: formatInstant(approval.decidedAt, locale),
                  })}
                  {approval.comment ? ` — ${approval.comment}` : ""}
                </span>
              </ListItem>
            ))}
          </List>
        )}
      </CardBody>
      {actions && <CardFooter>{actions}</CardFooter>}
    </Card>
  );
};
