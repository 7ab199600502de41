<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: jit-waiting.ftl -->
    <#if section="header">
        ${msg("jitWaitingTitle")}
    <#elseif section="form">
        <div id="jit-waiting" class="${properties.kcAlertClass!} pf-m-info jit-waiting-status" role="status" aria-live="polite">
            <div class="${properties.kcAlertTitleClass!}">${msg("jitWaitingStatus", jitRequest.approvals, jitRequest.requiredApprovals)}</div>
        </div>
        <dl id="jit-request-summary" class="pf-v5-c-description-list pf-m-horizontal pf-m-compact">
            <div class="pf-v5-c-description-list__group">
                <dt class="pf-v5-c-description-list__term">${msg("jitRole")}</dt>
                <dd class="pf-v5-c-description-list__description" id="jit-summary-role">${jitRequest.role}<#if jitRequest.client?has_content> (${jitRequest.client})</#if><#if jitRequest.group> (${msg("jitGroupTarget")})</#if></dd>
            </div>
            <div class="pf-v5-c-description-list__group">
                <dt class="pf-v5-c-description-list__term">${msg("jitDuration")}</dt>
                <dd class="pf-v5-c-description-list__description">${jitRequest.duration}</dd>
            </div>
            <div class="pf-v5-c-description-list__group">
                <dt class="pf-v5-c-description-list__term">${msg("jitJustification")}</dt>
                <dd class="pf-v5-c-description-list__description" id="jit-summary-justification">${jitRequest.justification}</dd>
            </div>
            <#if jitRequest.ticket?has_content>
            <div class="pf-v5-c-description-list__group">
                <dt class="pf-v5-c-description-list__term">${msg("jitTicket")}</dt>
                <dd class="pf-v5-c-description-list__description">${jitRequest.ticket}</dd>
            </div>
            </#if>
        </dl>
        <p class="${properties.kcLoginMainFooterHelperText!}">${msg("jitWaitingHelp")}</p>
        <form id="jit-waiting-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <@buttons.button id="jit-check" name="check" label="jitCheckNow" />
                <@buttons.button id="jit-cancel" name="cancel" label="jitCancelRequest" type="secondary" />
                <@buttons.button id="jit-skip" name="skip" label="jitContinueWithout" type="link" />
            </@buttons.actionGroup>
        </form>
        <script>
            <#outputformat "JavaScript">
            // Ask again every second: the login moves on within about a second of the decision.
            setTimeout(function () { document.getElementById("jit-check").click(); }, 1000);
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
