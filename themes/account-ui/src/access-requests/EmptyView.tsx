import { EmptyState, EmptyStateBody, EmptyStateHeader, EmptyStateIcon, EmptyStateVariant } from "@patternfly/react-core";
import type { ComponentType, ReactNode } from "react";

/** A list with nothing in it, saying why and what would put something there. */
export const EmptyView = ({ id, icon, title, children }: { id: string; icon: ComponentType; title: string; children: ReactNode }) => (
  <EmptyState variant={EmptyStateVariant.sm} id={id} data-testid={id}>
    <EmptyStateHeader titleText={title} headingLevel="h3" icon={<EmptyStateIcon icon={icon} />} />
    <EmptyStateBody>{children}</EmptyStateBody>
  </EmptyState>
);
