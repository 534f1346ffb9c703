using Grpc.Core;
using MCU.Hub.Directories;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.DirectoryService</c>: the configured recipients, territories and category tree, read only.</summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class DirectoryGrpcService(HubDirectory directory) : DirectoryService.DirectoryServiceBase
{
    public override Task<ListRecipientsResponse> ListRecipients(ListRecipientsRequest request, ServerCallContext context)
    {
        var response = new ListRecipientsResponse();
        foreach (var r in directory.Recipients.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            if (request.Block.Length > 0 && !r.Blocks.Contains(request.Block, StringComparer.Ordinal))
                continue;
            var proto = new DirectoryRecipient { Code = r.Code, Name = r.Name };
            proto.Blocks.AddRange(r.Blocks);
            proto.Territories.AddRange(r.Territories);
            response.Recipients.Add(proto);
        }

        return Task.FromResult(response);
    }

    public override Task<ListTerritoriesResponse> ListTerritories(ListTerritoriesRequest request, ServerCallContext context)
    {
        var response = new ListTerritoriesResponse();
        foreach (var t in directory.Territories.OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            var proto = new DirectoryTerritory { Code = t.Code, Name = t.Name, GeoJson = t.GeoJson ?? "" };
            proto.AddressKeywords.AddRange(t.AddressKeywords);
            response.Territories.Add(proto);
        }

        return Task.FromResult(response);
    }

    public override Task<ListCategoriesResponse> ListCategories(ListCategoriesRequest request, ServerCallContext context)
    {
        if (request.Parent.Length > 0 && directory.FindCategory(request.Parent) is null)
            throw new HubValidationException("parent", $"неизвестная категория '{request.Parent}'");
        var response = new ListCategoriesResponse();
        foreach (var c in directory.Categories.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            if (request.Parent.Length > 0 && c.Parent != request.Parent)
                continue;
            var proto = new DirectoryCategory { Code = c.Code, Name = c.Name, Parent = c.Parent ?? "", TotkCode = c.TotkCode ?? "" };
            proto.Keywords.AddRange(c.Keywords);
            proto.SourceCategories.AddRange(c.SourceCategories);
            response.Categories.Add(proto);
        }

        return Task.FromResult(response);
    }
}
