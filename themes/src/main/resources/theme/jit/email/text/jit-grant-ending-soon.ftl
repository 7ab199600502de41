<#ftl output_format="plainText">
${msg("jitMailGrantEndingSoon", roleLabel, endsAt)}
