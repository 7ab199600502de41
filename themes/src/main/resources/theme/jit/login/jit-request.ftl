<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: jit-request.ftl -->
    <#if section="header">
        ${msg("jitElevationTitle")}
    <#elseif section="form">
        <p id="jit-intro" class="${properties.kcContentWrapperClass!}">${msg("jitElevationIntro")}</p>
        <#if jitRefusalDetail??>
            <p id="jit-refusal-detail" class="${properties.kcInputHelperTextClass!} jit-refusal-detail">${jitRefusalDetail}</p>
        </#if>
        <form id="jit-request-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}" role="radiogroup" aria-labelledby="jit-role-label">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <span id="jit-role-label" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("jitRole")}</span></span>
                </div>
                <#list jitPolicies as policy>
                    <div class="pf-v5-c-radio jit-policy">
                        <input class="pf-v5-c-radio__input" type="radio" name="policy" id="jit-policy-${policy?index}" value="${policy.id}" <#if policy.id == jitSelectedPolicy>checked</#if>>
                        <label class="pf-v5-c-radio__label" for="jit-policy-${policy?index}">
                            <strong class="jit-role">${policy.role}</strong><#if policy.client?has_content> <span class="jit-client">(${policy.client})</span></#if><#if policy.group> <span class="jit-group">(${msg("jitGroupTarget")})</span></#if>
                        </label>
                        <span class="pf-v5-c-radio__description jit-role-description">
                            <span class="jit-policy-name">${policy.name}</span> ·
                            <#if policy.description?has_content>${policy.description} · </#if>${msg("jitMaxDuration", policy.maxDuration)}<#if policy.autoApprove> · ${msg("jitAutoApproved")}</#if>
                        </span>
                        <#if policy.justificationHint?has_content><span class="pf-v5-c-radio__description jit-hint">${msg("jitJustification")}: ${policy.justificationHint}</span></#if>
                        <#if policy.ticketHint?has_content><span class="pf-v5-c-radio__description jit-hint">${msg("jitTicket")}: ${policy.ticketHint}</span></#if>
                    </div>
                </#list>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="jit-duration" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("jitDuration")}</span></label>
                </div>
                <span class="pf-v5-c-form-control">
                    <select id="jit-duration" name="duration">
                        <#list jitDurations as duration>
                            <option value="${duration.value}" <#if duration.value == jitSelectedDuration>selected</#if>>${duration.label}</option>
                        </#list>
                    </select>
                </span>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="jit-justification" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("jitJustification")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} pf-m-resize-vertical">
                    <textarea id="jit-justification" name="justification" rows="3" maxlength="2000">${jitJustification}</textarea>
                </span>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="jit-ticket" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("jitTicket")}</span></label>
                </div>
                <span class="${properties.kcInputClass!}">
                    <input id="jit-ticket" name="ticket" type="text" maxlength="200" value="${jitTicket}" autocomplete="off">
                </span>
            </div>

            <@buttons.actionGroup>
                <@buttons.button id="jit-submit" name="request" label="jitRequestAccess" />
                <@buttons.button id="jit-skip" name="skip" label="jitContinueWithout" type="secondary" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
