<#ftl output_format="plainText">
${msg("jitMailGrantStarted", roleLabel, endsAt)}
