<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: jit-outcome.ftl -->
    <#if section="header">
        ${msg("jitOutcomeTitle")}
    <#elseif section="form">
        <div id="jit-outcome" class="${properties.kcAlertClass!} pf-m-warning" role="alert">
            <div class="${properties.kcAlertTitleClass!}">
                <#if jitRequest.status == "DENIED">${msg("jitDenied", jitRequest.role, jitRequest.deniedBy)}
                <#elseif jitRequest.status == "EXPIRED">${msg("jitExpired", jitRequest.role)}
                <#else>${msg("jitCancelled", jitRequest.role)}</#if>
            </div>
            <#if jitRequest.denialComment?has_content>
                <div class="${properties.kcAlertDescriptionClass!}" id="jit-denial-comment">${jitRequest.denialComment}</div>
            </#if>
        </div>
        <form id="jit-outcome-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <@buttons.button id="jit-skip" name="skip" label="jitContinueWithout" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
